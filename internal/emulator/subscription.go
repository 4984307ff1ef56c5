package emulator

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// CallSubscription is the counter key of the subscription endpoint, as CallCounts reports it.
const CallSubscription = http.MethodGet + " /v2/account"

// Subscription is what GET /v2/account reports of a token's owner, besides the accounts it counts.
type Subscription struct {
	Email, Name                      string
	Subscriptions, MaxAccountsPerAPI int
	// Renewed is the renewal date as YYMMDD, the service's "sub".
	Renewed string
}

// subscription is one API token's state.
type subscription struct {
	id       int64
	created  time.Time
	active   bool
	info     Subscription
	accounts map[Service]accounts
}

// store is the subscription's accounts of one service, made on first use.
func (sub *subscription) store(svc Service) accounts {
	if sub.accounts[svc] == nil {
		sub.accounts[svc] = accounts{}
	}
	return sub.accounts[svc]
}

// AddToken registers an API token with an active subscription and a plausible owner.
func (s *Server) AddToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.subs[token]; ok {
		return
	}
	now := s.opts.Now()
	id := fakeID(token, 100_000)
	limit := s.opts.MaxAccounts
	if limit == 0 {
		limit = 3 // what one subscription allows per service
	}
	s.subs[token] = &subscription{
		id:      id,
		created: now.Add(-365 * 24 * time.Hour),
		active:  true,
		info: Subscription{
			Email:             "user" + strconv.FormatInt(id, 10) + "@example.com",
			Name:              "Emulated Subscriber",
			Subscriptions:     1,
			MaxAccountsPerAPI: limit,
			Renewed:           now.UTC().Format("060102"),
		},
		accounts: map[Service]accounts{},
	}
}

// SetSubscriptionActive turns a token's subscription on or off; off answers 402 to every account call.
func (s *Server) SetSubscriptionActive(token string, active bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sub, ok := s.subs[token]; ok {
		sub.active = active
	}
}

// SetSubscription replaces what GET /v2/account reports of a token's owner. MaxAccountsPerAPI is only
// reported: Options.MaxAccounts is the limit the account calls enforce.
func (s *Server) SetSubscription(token string, info Subscription) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sub, ok := s.subs[token]; ok {
		sub.info = info
	}
}

// caller is the subscription of the request's bearer token, nil when there is none; the caller holds s.mu.
func (s *Server) caller(r *http.Request) *subscription {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return nil
	}
	return s.subs[token]
}

type accountCounts struct {
	Total  int `json:"total"`
	Active int `json:"active"`
	Error  int `json:"error"`
}

type wireSubscription struct {
	ID                   int64                    `json:"id"`
	Email                string                   `json:"email"`
	Created              string                   `json:"created"`
	Name                 string                   `json:"name"`
	SubscriptionIsActive bool                     `json:"subscriptionIsActive"`
	Subscriptions        int                      `json:"subscriptions"`
	MaxAccountsPerAPI    int                      `json:"maxAccountsPerAPI"`
	Accounts             map[string]accountCounts `json:"accounts"`
	Verified             string                   `json:"verified"`
	Sub                  string                   `json:"sub"`
}

// getSubscription answers even a lapsed subscription: it is how its owner finds out.
func (s *Server) getSubscription(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub := s.caller(r)
	if sub == nil {
		writeJSON(w, http.StatusUnauthorized, errorBody{Error: msgUnauthorized, Code: http.StatusUnauthorized})
		return
	}
	counts := map[string]accountCounts{}
	for _, d := range catalog {
		store := sub.accounts[d.name]
		if len(store) == 0 {
			continue // a service with no accounts is absent, as on the live service (assumed)
		}
		var c accountCounts
		for _, a := range store {
			c.Total++
			if a.err == "" {
				c.Active++
			} else {
				c.Error++
			}
		}
		counts[d.display] = c
	}
	writeJSON(w, http.StatusOK, wireSubscription{
		ID:                   sub.id,
		Email:                sub.info.Email,
		Created:              isoTime(sub.created),
		Name:                 sub.info.Name,
		SubscriptionIsActive: sub.active,
		Subscriptions:        sub.info.Subscriptions,
		MaxAccountsPerAPI:    sub.info.MaxAccountsPerAPI,
		Accounts:             counts,
		Verified:             isoTime(sub.created.Add(25 * time.Second)),
		Sub:                  sub.info.Renewed,
	})
}
