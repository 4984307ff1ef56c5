package emulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// Service names one of useapi.net's account services.
type Service string

// The services the emulator serves. Adding one is a constant here, an entry in catalog, and a file
// holding its description.
const (
	Kling    Service = "kling"
	Runway   Service = "runway"
	PixVerse Service = "pixverse"
	Dreamina Service = "dreamina"
	Muse     Service = "muse"
	ACEMusic Service = "ace_music"

	// The services whose accounts are named by the credential they are added with (see credentials.go).
	FlowMusic      Service = "flow_music"
	MiniMax        Service = "minimax"
	GoogleFlow     Service = "google_flow"
	GeminiNotebook Service = "gemini_notebook"
	GoogleVids     Service = "google_vids"
	// Mureka is also added with an email and password, but named, as the others here, by the site's
	// numeric account id.
	Mureka Service = "mureka"
)

// catalog is every service's description, in the order Services reports them.
var catalog = []*service{&kling, &runway, &pixverse, &dreamina, &muse, &aceMusic, &flowMusic, &miniMax, &googleFlow,
	&geminiNotebook, &googleVids, &mureka}

// Services lists every emulated service.
func Services() []Service {
	out := make([]Service, len(catalog))
	for i, svc := range catalog {
		out[i] = svc.name
	}
	return out
}

// CallKeys are the counter keys of one service's routes, as CallCounts reports them ("METHOD pattern").
type CallKeys struct{ Post, List, Get, Delete string }

// Calls is the counter keys of a service's routes; zero for a service the emulator does not know.
func Calls(svc Service) CallKeys {
	d := lookup(svc)
	if d == nil {
		return CallKeys{}
	}
	return CallKeys{
		Post:   http.MethodPost + " " + d.postRoute(),
		List:   http.MethodGet + " " + d.base,
		Get:    http.MethodGet + " " + d.accountRoute(),
		Delete: http.MethodDelete + " " + d.accountRoute(),
	}
}

func lookup(svc Service) *service {
	for _, d := range catalog {
		if d.name == svc {
			return d
		}
	}
	return nil
}

// service is what the generic account handlers need to know of one service: its routes, its rules for
// a POST, its statuses and refusals, and how it renders an account. Only what truly differs between
// services lives here; everything else is the same code for all of them.
type service struct {
	name    Service
	title   string // the service as its messages name it: "Kling"
	display string // the key of its counts in GET /v2/account: "Kling API"

	base          string // the list route; one account's route is base + "/{" + wildcard + "}"
	wildcard      string // the path wildcard naming one account: "email", or "account" for REGION:email
	postToAccount bool   // POST goes to the account's route, and the body's email must match the path

	maxJobs          jobLimits
	regions          []string // allowed regions, the first used when none is given; nil: no regions
	passwordOptional bool     // a POST without password (or credential) changes only the settings of an existing account
	// settings are the further settings a POST may carry beside maxJobs (Gemini Notebook's
	// outputLanguage), stored per account; nil for a service with none.
	settings []setting

	// cred, for a service whose accounts are named by the credential they are added with, says how it
	// reads one; nil for the services of email and password.
	cred *credentialRules

	created, updated int // POST statuses for a new and for an existing account

	bareErrors     bool     // its JSON error bodies carry no "code"
	unauthorized   string   // the 401 text; "" is "Unauthorized"
	noSubscription string   // the 402 text for a lapsed subscription; "" is "Subscription required"
	badCredentials refusal  // the login failed
	suspended      *refusal // the login is suspended; nil: refused like wrong credentials
	securityCheck  string   // the 596 text when the site asks for a security check; "": it never does
	notFound       refusal  // GET and DELETE of an unknown account
	noAccounts     *refusal // the list when empty; nil: {}

	// freeAccount, for a service that refuses the credential of a free upstream account (SetFreeAccount),
	// is that refusal; nil: the service takes free accounts.
	freeAccount *refusal

	// badDeleteID says why DELETE refuses a path's ID as malformed, "" when it does not; nil refuses none
	// (beyond the REGION: prefix every call of a service with regions checks). Only Muse, Gemini Notebook
	// and Google Vids document such a refusal, and only for DELETE: a GET of a malformed email finds no
	// account.
	badDeleteID func(id string) string
	// readsStored makes GET of an account in error answer it as stored, where others answer 596.
	readsStored bool
	// render is the account as the service writes it in answer to v.
	render func(a *account, v view, now time.Time) any
	// deleted is the body of a DELETE's answer; nil answers 204 with none.
	deleted func(id string, remaining int) any
}

// setting is a further account setting a POST may carry by its string wire field, beside maxJobs: kept
// per account, def when an account is added without it, changed by a POST that carries it (with or
// without a credential, where the service takes a credential-less update).
type setting struct {
	field string
	def   string
	// check says why a value is refused with a 400, "" when it is taken.
	check func(value string) string
}

// updatable names what a credential-less update changes: "maxJobs", or "maxJobs or outputLanguage".
func (d *service) updatable() string {
	names := []string{"maxJobs"}
	for _, st := range d.settings {
		names = append(names, st.field)
	}
	return strings.Join(names, " or ")
}

// jobLimits is a service's range for maxJobs; def, when not zero, makes maxJobs optional. A zero max is
// a service without maxJobs: it ignores one sent.
type jobLimits struct{ min, max, def int64 }

// view is the answer an account is rendered for: some services say more of one account than in a list.
type view int

const (
	viewPost view = iota
	viewGet
	viewList
)

func (d *service) accountRoute() string { return d.base + "/{" + d.wildcard + "}" }

func (d *service) postRoute() string {
	if d.postToAccount {
		return d.accountRoute()
	}
	return d.base
}

// id is the service's key for an account: the email, or REGION:email where accounts live in a region.
func (d *service) id(email, region string) string {
	if d.regions == nil {
		return email
	}
	return region + ":" + email
}

// malformed says why a path's account ID cannot name an account of the service, "" when it can.
func (d *service) malformed(id string) string {
	if d.regions == nil {
		return ""
	}
	region, email, ok := strings.Cut(id, ":")
	if !ok || email == "" || !slices.Contains(d.regions, region) {
		// Assumed text: the docs show only well-formed IDs.
		return "Parameter account must be REGION:email, e.g. " + d.regions[0] + ":user@example.com"
	}
	return ""
}

// refuse is a refusal in the service's usual JSON form.
func (d *service) refuse(status int, text string) refusal {
	form := jsonWithCode
	if d.bareErrors {
		form = jsonBare
	}
	return refusal{status: status, text: text, form: form}
}

// refusal is an error answer as one service words it.
type refusal struct {
	status int
	text   string // "{id}" stands for the account's ID
	form   bodyForm
}

// bodyForm is how a service writes an error: most use {"error","code"} JSON, some omit the code, and
// some not-found answers are a plain-text sentence.
type bodyForm int

const (
	jsonWithCode bodyForm = iota
	jsonBare
	plainText
)

// write writes the refusal about the account id, which stands in for "{id}" in its text.
func (f refusal) write(w http.ResponseWriter, id string) {
	f.send(w, strings.ReplaceAll(f.text, "{id}", id))
}

// send writes text in the refusal's form, as it is: a text that embeds a secret is not searched for {id}.
func (f refusal) send(w http.ResponseWriter, text string) {
	switch f.form {
	case plainText:
		writeText(w, f.status, text)
	case jsonBare:
		writeJSON(w, f.status, errorBody{Error: text})
	default:
		writeJSON(w, f.status, errorBody{Error: text, Code: f.status})
	}
}
