package emulator

import (
	"net/http"
	"time"
)

// The counter keys of the live reads: each service's features endpoint (Mureka's profile), which reads
// one account's live values (credits, plan, quota) from its AI site. The account is named in the query,
// not the path, and the pages write the route with its trailing slash (…/features/?…). Muse has no such
// endpoint: its live read is the single-account GET (Calls(Muse).Get), whose quota renderMuse writes.
const (
	CallMiniMaxFeatures  = http.MethodGet + " /v1/minimax/features/"
	CallPixVerseFeatures = http.MethodGet + " /v2/pixverse/features/"
	CallRunwayFeatures   = http.MethodGet + " /v1/runwayml/features/"
	CallMurekaProfile    = http.MethodGet + " /v1/mureka/profile/"
)

// liveRoute is one live endpoint, whatever its name: the service, the query parameter that names the
// account, and the account's live values as the site reports them.
type liveRoute struct {
	key    string
	d      *service
	param  string
	render func(a *account, now time.Time) any
}

var liveRoutes = []liveRoute{
	{CallMiniMaxFeatures, &miniMax, "account", renderMiniMaxFeatures},
	{CallPixVerseFeatures, &pixverse, "email", renderPixVerseFeatures},
	{CallRunwayFeatures, &runway, "email", renderRunwayFeatures},
	{CallMurekaProfile, &mureka, "account", renderMurekaProfile},
}

// routeLive registers the live endpoints; New calls it once.
func (s *Server) routeLive() {
	for _, route := range liveRoutes {
		s.mux.HandleFunc(route.key, s.forService(route.d, s.liveRead(route)))
	}
}

// liveRead answers a live request with the named account's live values. As the pages say, the
// parameter may be left out while only one account is configured. Assumed, since the pages show only the
// 200 and the 401: an unknown account is the service's own not-found (its 404 of GET /accounts/…), none
// configured its answer to an empty list, several without the parameter a 400, and an account in an
// error state the 596 of its single-account GET, in the stored words and with no live values: the site
// cannot be read without a working session.
func (s *Server) liveRead(route liveRoute) accountHandler {
	return func(w http.ResponseWriter, r *http.Request, d *service, store accounts) {
		if r.URL.Path != route.key[len(http.MethodGet)+1:] {
			// The pattern is a subtree: …/features/anything is no route of the service.
			writeText(w, http.StatusNotFound, "404 page not found")
			return
		}
		id := r.URL.Query().Get(route.param)
		var a *account
		switch {
		case id != "":
			if a = store[id]; a == nil {
				d.notFound.write(w, id)
				return
			}
		case len(store) == 1:
			for _, only := range store {
				a = only
			}
		case len(store) == 0:
			f := d.notFound
			if d.noAccounts != nil {
				f = *d.noAccounts
			}
			f.write(w, "")
			return
		default:
			d.refuse(http.StatusBadRequest, "Parameter "+route.param+" is required when more than one account is configured").write(w, "")
			return
		}
		if a.err != "" {
			s.refuseStored(w, d, a)
			return
		}
		writeJSON(w, http.StatusOK, route.render(a, s.opts.Now()))
	}
}
