package useapi

// ACEMusicAccount is an ACE Music (acemusic.ai) account as the account list describes it. The password is
// stored by useapi.net to sign in again when ACE Music ends the session, and never returned; nothing else
// the list shows is a secret.
type ACEMusicAccount struct {
	Email string `json:"email,omitempty"`
	// UserID is ACE Music's id of the account, such as "1216554433".
	UserID *string `json:"user_id,omitempty"`
	// Plan is the ACE Music plan last seen ("free", "creator", "artist"): the list is read from storage.
	Plan    *string `json:"plan,omitempty"`
	MaxJobs *int64  `json:"maxJobs,omitempty"`
	Added   *string `json:"added,omitempty"`
	// Updated is present once the account has been changed after it was added.
	Updated *string `json:"updated,omitempty"`
	// Health is "OK", or "error" for an account paused until it is added again with a password ACE Music
	// takes; Error then says why.
	Health *string `json:"health,omitempty"`
	Error  *string `json:"error,omitempty"`
	// PlanName, Cycle and Credits are live, read from ACE Music by a single healthy account's GET.
	PlanName *string  `json:"plan_name,omitempty"`
	Cycle    *string  `json:"cycle,omitempty"`
	Credits  *float64 `json:"credits,omitempty"`
}

// ACEMusicHealthy is the health of an account that needs nothing.
const ACEMusicHealthy = "OK"

// ACEMusic is the ACE Music account API, keyed by email. A POST without a password changes only maxJobs
// of an account already added, and sends nothing to ACE Music; its single-account GET is a slow live read
// of ACE Music, so callers read the list.
func (c *Client) ACEMusic() Accounts[ACEMusicAccount] {
	return newAccounts[ACEMusicAccount](c, accountsAPI{
		collection:   []string{"v1", "acemusic", "accounts"},
		secretFields: []string{"password"},
		notFound:     serviceWords(`account \S+ is not configured$`),
	})
}
