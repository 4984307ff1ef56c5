package useapi

// GoogleVidsAccount is a Google Vids account as useapi.net describes it, in its pages of October 7, 2026
// (https://useapi.net/docs/api-google-vids-v1/get-google-vids-accounts and
// .../get-google-vids-accounts-email). The list and the single read hold the same fields; the read adds
// what is left of each monthly allowance, which is not decoded (its field names are not visible in the
// pages). Its "cookies" field, a list of the names of the cookies useapi.net holds, is a secret field of
// the service (the POST's cookies hold the session itself): it is deliberately not decoded.
type GoogleVidsAccount struct {
	// Email is the account's identity, read by useapi.net from Google with the cookies it was added with.
	// A POST's answer is assumed to carry it here too (its body is not visible in the pages).
	Email           string  `json:"email,omitempty"`
	MaxJobs         *int64  `json:"maxJobs,omitempty"`
	Added           *string `json:"added,omitempty"`
	Updated         *string `json:"updated,omitempty"`
	CookiesExpireAt *string `json:"cookiesExpireAt,omitempty"`
	// VidsDocID is the Google Vids document useapi.net created on the account when it was first added;
	// re-adds keep it.
	VidsDocID *string `json:"vidsDocId,omitempty"`
	// Limits are the monthly limits Google reported when the account was added.
	Limits *GoogleVidsLimits `json:"limits,omitempty"`
	// Health is "OK", or the reason the account needs its cookies posted again.
	Health *string `json:"health,omitempty"`
	Error  string  `json:"error,omitempty"` // assumed, as Google Flow's
}

// GoogleVidsLimits are an account's monthly allowances: seconds of video, images, music.
type GoogleVidsLimits struct {
	Video *int64 `json:"video,omitempty"`
	Image *int64 `json:"image,omitempty"`
	Music *int64 `json:"music,omitempty"`
}

// GoogleVidsHealthy is the health of an account that needs nothing.
const GoogleVidsHealthy = "OK"

// GoogleVids is the Google Vids account API, keyed by the email read from the cookies (docs.google.com's,
// with __Secure-1PSIDTS). A POST of {"cookies", "maxJobs"?} adds the account, or re-adds it (the cookies
// are replaced; added, maxJobs and the Vids document are kept unless a new maxJobs is sent); a free Google
// account, with no Vids allowance, is refused with a 400. A POST of the email and maxJobs (1 to 10),
// without cookies, changes maxJobs of an account it holds. DELETE answers 204, and 404
// {"error":"Account … not found","code":404} for an account it does not hold.
func (c *Client) GoogleVids() Accounts[GoogleVidsAccount] {
	return newAccounts[GoogleVidsAccount](c, accountsAPI{
		collection: []string{"v1", "google-vids", "accounts"},
		// The pages show only cookies (the POST's session; the answers' cookie names); the others are
		// Google Flow's names for the same credentials, kept secret should an answer ever carry them.
		secretFields: []string{"cookies", "accountCookies", "sessionCookies", "access_token"},
		notFound:     serviceWords(`account \S+ not found$`),
	})
}
