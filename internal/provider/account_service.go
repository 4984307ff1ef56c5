package provider

import (
	"cmp"
	"context"
	"errors"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// accountService is everything the account machinery needs to know of one useapi.net service. Each
// service_<name>.go file declares one; the resource, its data source, its list resource and its identity
// are built from it, so every service gets the same rules without code of its own.
type accountService struct {
	// name is the service in type names: useapi_<name>_account and useapi_<name>_accounts.
	name string
	// title is the AI site's name as people write it, such as "Kling".
	title string
	// regions are the values of a region that is part of the account's identity (Dreamina); nil for none.
	regions []string
	// maxJobs is the range the service takes, and its default when the argument may be left out; zero
	// for a service without max_jobs (Google Flow).
	maxJobs jobsRange
	// credential is, for a service of the second shape, the credential that names the account; nil for a
	// service of email and password.
	credential *credentialSpec
	// settings are the service's optional arguments besides max_jobs (Gemini Notebook's output_language).
	settings []setting
	// refusals are advice for refusals the service words in its own way (Google Vids' free accounts).
	refusals []refusalAdvice
	// live is the service's read of one account's live values, for useapi_<name>_account; nil for none
	// (Dreamina's single-account read may claim the day's free credits, so it has none).
	live *liveRead
	// passwordOptionalForJobs says the service changes max_jobs without the password (Muse), so an update
	// that changes nothing else sends none.
	passwordOptionalForJobs bool
	// extras are the service's own computed attributes, shown on the resource and in its data source.
	extras []extraAttribute
	// about is a sentence or two for the resource's description, after the common first sentence.
	about string
	// listNote is a sentence for the data source's description, after the common first sentence.
	listNote string
	calls    accountCalls
}

// jobsRange is the max_jobs a service accepts. A zero byDefault means the argument is required.
type jobsRange struct {
	min, max, byDefault int64
	// defaultAssumed says the service does not document byDefault: the docs then give no number, and
	// the value is recorded only when an answer leaves maxJobs out.
	defaultAssumed bool
}

// account is one account as the machinery sees it, whatever the service's wire format.
type account struct {
	// id is the service's key and the import ID: the email, "REGION:email" for Dreamina, or the second
	// shape's identity.
	id     string
	email  string
	region string
	// maxJobs is nil when the service did not say.
	maxJobs *int64
	// settings are the service's settings by argument name; a missing or nil one the service did not say.
	settings map[string]*string
	// error is the service's reason the account needs attention; empty when it reports none.
	error string
	// extras holds a value for each of the service's extra attributes, by name.
	extras map[string]attr.Value
}

// accountCalls are a service's four calls, returning accounts in the machinery's terms.
type accountCalls struct {
	upsert func(context.Context, *useapi.Client, useapi.AccountInput) (account, error)
	// read returns one account, or an error matching useapi.ErrNotFound when the service says it is gone.
	read   func(context.Context, *useapi.Client, string) (account, error)
	list   func(context.Context, *useapi.Client) ([]account, error)
	remove func(context.Context, *useapi.Client, string) error
}

// refusalAdvice is what to do about a refusal whose words match.
type refusalAdvice struct {
	words  *regexp.Regexp
	advice string
}

// readFrom says how a service's accounts are refreshed.
type readFrom int

const (
	// fromGet reads the account's own URL.
	fromGet readFrom = iota
	// fromList reads the list and picks the account: for services whose single-account read has side
	// effects or is slow (Dreamina's claims the day's credits, Muse's is a live read from Meta).
	fromList
)

// callsOf builds a service's calls from its client API and a view of its wire object. The view gets the
// key the service filed the account under (empty for a single-account answer) and the object.
func callsOf[A any](api func(*useapi.Client) useapi.Accounts[A], view func(key string, a *A) account, how readFrom) accountCalls {
	list := func(ctx context.Context, c *useapi.Client) ([]account, error) {
		byKey, err := api(c).List(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]account, 0, len(byKey))
		for key, a := range byKey {
			out = append(out, view(key, &a))
		}
		slices.SortFunc(out, func(a, b account) int { return cmp.Compare(a.id, b.id) })
		return out, nil
	}
	calls := accountCalls{
		upsert: func(ctx context.Context, c *useapi.Client, in useapi.AccountInput) (account, error) {
			a, err := api(c).Upsert(ctx, in)
			if err != nil {
				return account{}, err
			}
			return view("", a), nil
		},
		read: func(ctx context.Context, c *useapi.Client, id string) (account, error) {
			a, err := api(c).Get(ctx, id)
			if err != nil {
				return account{}, err
			}
			return view(id, a), nil
		},
		list:   list,
		remove: func(ctx context.Context, c *useapi.Client, id string) error { return api(c).Delete(ctx, id) },
	}
	if how == fromList {
		calls.read = func(ctx context.Context, c *useapi.Client, id string) (account, error) {
			all, err := list(ctx, c)
			if err != nil {
				return account{}, err
			}
			if i := slices.IndexFunc(all, func(a account) bool { return a.id == id }); i >= 0 {
				return all[i], nil
			}
			return account{}, errAbsentFromList
		}
	}
	return calls
}

// errAbsentFromList is an account the service's own list does not hold: the service's word that it is gone.
var errAbsentFromList error = goneError{text: "the service's account list does not hold it"}

// goneError is the service's word that an account does not exist, with the error that led to asking.
type goneError struct {
	text  string
	cause error
}

func (e goneError) Error() string      { return e.text }
func (e goneError) Unwrap() error      { return e.cause }
func (goneError) Is(target error) bool { return target == useapi.ErrNotFound }

// typeName is the resource's type name, such as useapi_kling_account.
func (s *accountService) typeName() string { return "useapi_" + s.name + "_account" }

// hasMaxJobs reports whether the service has a max_jobs setting.
func (s *accountService) hasMaxJobs() bool { return s.maxJobs.max > 0 }

// hasRegion reports whether the region is part of the account's identity.
func (s *accountService) hasRegion() bool { return len(s.regions) > 0 }

// accountID is the key the service files an account under: the email, or for a service whose accounts
// belong to a region, REGION:email (Dreamina's form). parseID is its inverse.
func (s *accountService) accountID(region, email string) string {
	if s.hasRegion() {
		return region + ":" + email
	}
	return email
}

// isGone reports whether err is the service's own word that the account does not exist.
func isGone(err error) bool { return errors.Is(err, useapi.ErrNotFound) }
