package useapi

import "context"

// RunwayFeatures is the live state of one Runway account, as GET /v1/runwayml/features/?email= answers it
// (https://useapi.net/docs/api-runwayml-v1/get-runwayml-features). The page shows only the essential
// fields of a much larger answer, and only those are decoded: the plan's credits and what is used of them.
type RunwayFeatures struct {
	Permitted *RunwayPermitted `json:"permitted,omitempty"`
	Used      *RunwayUsed      `json:"used,omitempty"`
}

// RunwayPermitted is what the account's plan allows.
type RunwayPermitted struct {
	StorageGB      *float64 `json:"storageGB,omitempty"`
	NumPlanCredits *float64 `json:"numPlanCredits,omitempty"`
}

// RunwayUsed is what the account has used of its plan.
type RunwayUsed struct {
	NumPlanCredits *float64 `json:"numPlanCredits,omitempty"`
}

// RunwayFeatures reads one account's live credits from Runway. The service's own "not found" for an
// account it does not hold is an error matching ErrNotFound; an account in an error state is the
// service's 596 APIError.
func (c *Client) RunwayFeatures(ctx context.Context, email string) (*RunwayFeatures, error) {
	return readLive[RunwayFeatures](ctx, c, c.Runway().api, "features", "email", email)
}

// RunwayAccount is a Runway account as useapi.net describes it.
type RunwayAccount struct {
	Email   string     `json:"email,omitempty"`
	MaxJobs *int64     `json:"maxJobs,omitempty"`
	JWT     *RunwayJWT `json:"jwt,omitempty"`
	Error   string     `json:"error,omitempty"`
}

// RunwayJWT is the Runway session useapi.net holds. Its token is a Runway credential: it is deliberately
// not decoded, so no caller can keep or show it.
type RunwayJWT struct {
	// Exp and Iat are Unix seconds, with a fraction.
	Exp *float64 `json:"exp,omitempty"`
	Iat *float64 `json:"iat,omitempty"`
	// ID is Runway's numeric user ID.
	ID *int64 `json:"id,omitempty"`
}

// Runway is the Runway account API, keyed by email; a POST goes to the account's own path and repeats the
// email in its body.
func (c *Client) Runway() Accounts[RunwayAccount] {
	return newAccounts[RunwayAccount](c, accountsAPI{
		collection:   []string{"v1", "runwayml", "accounts"},
		postToItem:   true,
		secretFields: []string{"password", "token"},
		notFound:     serviceWords(`configuration not found\b`),
	})
}
