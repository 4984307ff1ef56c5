package provider

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// aceMusicService is useapi_ace_music_account and useapi_ace_music_accounts.
var aceMusicService = &accountService{
	name:  "ace_music",
	title: "ACE Music",
	// The default is not documented (4 is assumed, as the pages' examples show on an account never
	// updated); it is recorded only where an answer lacks maxJobs, and every answer the pages show has it.
	maxJobs:                 jobsRange{min: 1, max: 4, byDefault: 4, defaultAssumed: true},
	passwordOptionalForJobs: true,
	extras: []extraAttribute{
		{name: "user_id", kind: types.StringType, description: "ACE Music's id of the account."},
		{
			name: "plan", kind: types.StringType,
			description: "The account's ACE Music plan (such as `free`, `creator` or `artist`), as useapi.net last saw it.",
		},
	},
	about: "ACE Music accounts are acemusic.ai accounts that sign in with an email and password; one made " +
		"with Google or a phone number needs a password set at acemusic.ai first. useapi.net signs in to ACE " +
		"Music with them when the account is added, and keeps the password to sign in again whenever ACE Music " +
		"ends the session. An update that changes only `max_jobs` is sent without the password, so nothing " +
		"reaches ACE Music. Each useapi.net subscription makes room for three ACE Music accounts, up to 100 in " +
		"total.\n\n" +
		"A wrong email or password is refused with a `400`, and nothing is stored. Refreshes, imports and the " +
		"`useapi_ace_music_accounts` data source read useapi.net's list of accounts, not ACE Music, so a plan " +
		"stays fast; `plan` is the plan useapi.net last saw.\n\n" +
		"When ACE Music later refuses the stored password (its owner changed it, say), useapi.net pauses the " +
		"account: `error` shows useapi.net's reason. Set the current password (with `password_wo`, bump " +
		"`password_wo_version`) and apply: the plan's in-place update adds the account again, and `error` " +
		"becomes null.",
	// The single-account GET is a slow live read from ACE Music; the list holds everything state needs.
	calls: callsOf((*useapi.Client).ACEMusic, aceMusicAccount, fromList),
	live: &liveRead{
		about: "The plan and credits are ACE Music's, for a healthy account; for a paused one (`error` set) they are null.",
		attributes: []extraAttribute{
			{name: "plan_name", kind: types.StringType, description: "The ACE Music plan's name, as ACE Music reports it."},
			{name: "cycle", kind: types.StringType, description: "The plan's billing cycle, such as `monthly`."},
			{name: "credits", kind: types.Float64Type, description: "The account's ACE Music credits left."},
		},
		read: liveOf((*useapi.Client).ACEMusic, aceMusicAccount, func(a *useapi.ACEMusicAccount) map[string]attr.Value {
			return map[string]attr.Value{"plan_name": types.StringPointerValue(a.PlanName),
				"cycle": types.StringPointerValue(a.Cycle), "credits": types.Float64PointerValue(a.Credits)}
		}),
	},
}

// aceMusicAccount maps the service's health to the machinery's error: the service's error text, or the
// health itself when it is not OK and says no more.
func aceMusicAccount(key string, a *useapi.ACEMusicAccount) account {
	var problem string
	if a.Error != nil {
		problem = *a.Error
	}
	if problem == "" && a.Health != nil && *a.Health != useapi.ACEMusicHealthy {
		problem = "health: " + *a.Health
	}
	return account{
		id: key, email: cmp.Or(a.Email, key), maxJobs: a.MaxJobs, error: problem,
		extras: map[string]attr.Value{
			"user_id": types.StringPointerValue(a.UserID),
			"plan":    types.StringPointerValue(a.Plan),
		},
	}
}
