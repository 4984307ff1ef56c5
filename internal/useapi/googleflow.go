package useapi

// GoogleFlowAccount is a Google Flow account as useapi.net describes it. Its cookies and access token are
// credentials (the service already shortens them; they stay secret): they are deliberately not decoded.
type GoogleFlowAccount struct {
	// Email is the account's identity, read by useapi.net from the cookies it was added with; a POST's
	// answer carries it in SessionData.User instead.
	Email       string             `json:"email,omitempty"`
	SessionData *GoogleFlowSession `json:"sessionData,omitempty"`
	Created     *string            `json:"created,omitempty"`
	Project     *GoogleFlowProject `json:"project,omitempty"`
	NextRefresh *GoogleFlowRefresh `json:"nextRefresh,omitempty"`
	// Health is "OK", or the reason the account needs its cookies posted again.
	Health *string `json:"health,omitempty"`
	Error  string  `json:"error,omitempty"`
	// Credits are live, read from Google by a single healthy account's GET.
	Credits *GoogleFlowCredits `json:"credits,omitempty"`
}

// GoogleFlowCredits are an account's Google Flow credits and its paygate tier.
type GoogleFlowCredits struct {
	Credits         *float64 `json:"credits,omitempty"`
	UserPaygateTier *string  `json:"userPaygateTier,omitempty"`
}

// GoogleFlowSession is the Google session useapi.net holds for the account.
type GoogleFlowSession struct {
	User    *GoogleFlowUser `json:"user,omitempty"`
	Expires *string         `json:"expires,omitempty"`
}

// GoogleFlowUser is the Google user the cookies belong to.
type GoogleFlowUser struct {
	Name  *string `json:"name,omitempty"`
	Email *string `json:"email,omitempty"`
}

// GoogleFlowProject is the Flow project useapi.net works in.
type GoogleFlowProject struct {
	ProjectID    *string `json:"projectId,omitempty"`
	ProjectTitle *string `json:"projectTitle,omitempty"`
}

// GoogleFlowRefresh is when useapi.net next refreshes the session by itself.
type GoogleFlowRefresh struct {
	ScheduledFor *string `json:"scheduledFor,omitempty"`
}

// GoogleFlowHealthy is the health of an account that needs nothing.
const GoogleFlowHealthy = "OK"

// Identity is the account's email: the list's key field, or the session's user in a POST's answer.
func (a *GoogleFlowAccount) Identity() string {
	if a.Email == "" && a.SessionData != nil && a.SessionData.User != nil && a.SessionData.User.Email != nil {
		return *a.SessionData.User.Email
	}
	return a.Email
}

// GoogleFlow is the Google Flow account API, keyed by the email read from the cookies. It has no
// maxJobs; useapi.net refreshes the session about daily by itself.
func (c *Client) GoogleFlow() Accounts[GoogleFlowAccount] {
	return newAccounts[GoogleFlowAccount](c, accountsAPI{
		collection:   []string{"v1", "google-flow", "accounts"},
		secretFields: []string{"cookies", "accountCookies", "sessionCookies", "access_token"},
		notFound:     serviceWords(`google flow account \S+ not found$`),
	})
}
