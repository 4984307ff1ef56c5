package emulator

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"
)

// Bodies and messages of the service, as documented.
const (
	msgBadCredentials  = "Account does not exist or password is incorrect"
	msgAccountNotFound = "Account configuration not found. To create configuration use POST /accounts."
	msgNoConfiguration = "Configuration not found. To create configuration use POST /accounts."
	maxRequestBytes    = 1 << 20
)

// ServeHTTP answers like useapi.net, after any latency and fault that is due.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, pattern := s.mux.Handler(r)
	if pattern == "" {
		pattern = r.Method + " (no such route)"
	}
	s.enter(pattern, r.UserAgent())
	defer s.leave()

	if fault, ok := s.nextFault(r.Method); ok {
		if s.inject(fault, w, r) {
			return
		}
	}
	latency := s.currentLatency()
	if latency <= 0 {
		s.mux.ServeHTTP(w, r)
		return
	}
	// The request is applied first and the answer delayed, so that a client that gives up while waiting
	// meets the hard case: the change happened and it did not hear so.
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, r)
	if !s.wait(r, latency) {
		return
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// accountHandler serves a request for one subscription, with s.mu held.
type accountHandler func(w http.ResponseWriter, r *http.Request, sub *subscription)

// authorized finds the caller's subscription, answering the service's 401 or 402 when there is none
// usable, and runs h with the state locked.
func (s *Server) authorized(h accountHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		sub := s.subs[token]
		switch {
		case !ok || sub == nil:
			writeJSON(w, http.StatusUnauthorized, errorBody{Error: "Unauthorized", Code: http.StatusUnauthorized})
		case !sub.active:
			writeJSON(w, http.StatusPaymentRequired, errorBody{Error: "Subscription required", Code: http.StatusPaymentRequired})
		default:
			h(w, r, sub)
		}
	}
}

func (s *Server) postAccount(w http.ResponseWriter, r *http.Request, sub *subscription) {
	in, err := parseAccountRequest(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: err.Error(), Code: http.StatusBadRequest})
		return
	}
	if known, exists := s.klingUsers[in.Email]; (exists && known != in.Password) || (!exists && s.opts.RequireKnownKlingUsers) {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: msgBadCredentials})
		return
	}
	if _, exists := sub.accounts[in.Email]; !exists && s.opts.MaxAccounts > 0 && len(sub.accounts) >= s.opts.MaxAccounts {
		writeJSON(w, http.StatusBadRequest, errorBody{
			Error: fmt.Sprintf("Your subscription allows up to %d Kling accounts", s.opts.MaxAccounts),
			Code:  http.StatusBadRequest,
		})
		return
	}
	a := s.upsert(sub, in.Email, in.Password, in.MaxJobs)
	writeJSON(w, http.StatusCreated, s.wire(a, false))
}

func (s *Server) getAccount(w http.ResponseWriter, r *http.Request, sub *subscription) {
	a, ok := sub.accounts[r.PathValue("email")]
	if !ok {
		writeText(w, http.StatusNotFound, msgAccountNotFound)
		return
	}
	writeJSON(w, http.StatusOK, s.wire(a, true))
}

func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request, sub *subscription) {
	if len(sub.accounts) == 0 {
		writeText(w, http.StatusNotFound, msgNoConfiguration)
		return
	}
	out := make(map[string]wireAccount, len(sub.accounts))
	for email, a := range sub.accounts {
		out[email] = s.wire(a, false)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteAccount(w http.ResponseWriter, r *http.Request, sub *subscription) {
	email := r.PathValue("email")
	if _, ok := sub.accounts[email]; !ok {
		writeText(w, http.StatusNotFound, msgAccountNotFound)
		return
	}
	delete(sub.accounts, email)
	w.WriteHeader(http.StatusNoContent)
}

// accountRequest is the body of a POST, in either of the encodings the service takes.
type accountRequest struct {
	Email    string
	Password string
	MaxJobs  int64
}

// serviceMessage is a refusal in the service's own words, capitalised as it writes them.
type serviceMessage string

func (m serviceMessage) Error() string { return string(m) }

// parseAccountRequest reads a JSON or multipart/form-data POST body and checks it as the service does.
func parseAccountRequest(r *http.Request) (accountRequest, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, maxRequestBytes)
	var in accountRequest
	var maxJobs string
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "multipart/form-data":
		if err := r.ParseMultipartForm(maxRequestBytes); err != nil {
			return in, serviceMessage("Unable to parse multipart/form-data: " + err.Error())
		}
		in.Email, in.Password, maxJobs = r.FormValue("email"), r.FormValue("password"), r.FormValue("maxJobs")
	default:
		data, err := io.ReadAll(r.Body)
		if err != nil {
			return in, serviceMessage("Unable to read the request body")
		}
		var body struct {
			Email    string          `json:"email"`
			Password string          `json:"password"`
			MaxJobs  json.RawMessage `json:"maxJobs"`
		}
		if err := json.Unmarshal(data, &body); err != nil {
			return in, serviceMessage("Unable to parse JSON body")
		}
		in.Email, in.Password, maxJobs = body.Email, body.Password, strings.Trim(string(body.MaxJobs), `"`)
	}
	switch {
	case strings.TrimSpace(in.Email) == "":
		return in, serviceMessage("Parameter email is required")
	case in.Password == "":
		return in, serviceMessage("Parameter password is required")
	case maxJobs == "" || maxJobs == "null":
		return in, serviceMessage("Parameter maxJobs is required")
	}
	n, err := strconv.ParseInt(maxJobs, 10, 64)
	if err != nil || n < 1 || n > 10 {
		return in, serviceMessage(fmt.Sprintf("Parameter maxJobs (%s) valid range: 1…10", maxJobs))
	}
	in.MaxJobs = n
	return in, nil
}

type errorBody struct {
	Error string `json:"error"`
	Code  int    `json:"code,omitempty"`
}

type wireSession struct {
	UserID        string `json:"userId"`
	ExpireTime    int64  `json:"ExpireTime"`
	ExpireTimeUTC string `json:"ExpireTimeUTC"`
}

type wireBalance struct {
	Points        []Points `json:"points"`
	Tickets       []any    `json:"tickets"`
	NextApplyTime int64    `json:"nextApplyTime"`
	Total         float64  `json:"total"`
}

type wireAccount struct {
	Email    string       `json:"email"`
	Session  wireSession  `json:"session"`
	MaxJobs  int64        `json:"maxJobs"`
	Password string       `json:"password"`
	Balance  *wireBalance `json:"balance,omitempty"`
}

// wire renders an account as the service does; the caller holds s.mu.
func (s *Server) wire(a *account, withBalance bool) wireAccount {
	expire := a.loggedIn.Add(30 * 24 * time.Hour).UTC()
	out := wireAccount{
		Email: a.email,
		Session: wireSession{
			UserID:        fmt.Sprintf("user%d", hash(a.email)%100_000_000),
			ExpireTime:    expire.UnixMilli(),
			ExpireTimeUTC: expire.Format("2006-01-02T15:04:05.000Z"),
		},
		MaxJobs:  a.maxJobs,
		Password: PasswordPlaceholder,
	}
	if withBalance {
		b := &wireBalance{Points: append([]Points{}, a.points...), Tickets: []any{},
			NextApplyTime: a.loggedIn.Truncate(24 * time.Hour).Add(24 * time.Hour).UnixMilli()}
		for _, p := range a.points {
			b.Total += p.Balance
		}
		out.Balance = b
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

func writeText(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, text)
}
