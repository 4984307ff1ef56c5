package emulator

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

// liveServer is a server, with the features endpoints New routes.
func liveServer(t *testing.T) (*Server, string) {
	t.Helper()
	s, srv := newServer(t, Options{Now: clock})
	return s, srv.URL
}

func TestLiveRoutes(t *testing.T) {
	t.Parallel()
	s := New(Options{})
	for _, key := range []string{CallMiniMaxFeatures, CallPixVerseFeatures, CallRunwayFeatures, CallMurekaProfile} {
		if _, pattern := s.mux.Handler(mustRequest(t, key)); pattern != key {
			t.Errorf("%s: routed as %q", key, pattern)
		}
	}
}

func mustRequest(t *testing.T, key string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(key[:3], key[4:]+"?x=1", nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func TestMiniMaxFeatures(t *testing.T) {
	t.Parallel()
	s, base := liveServer(t)
	const path = "/v1/minimax/features/"
	endOfDay := strconv.FormatInt(time.Date(2025, 1, 1, 23, 59, 59, 999_000_000, time.UTC).UnixMilli(), 10)
	run(t, base, []exchange{
		{method: "GET", path: path, wantStatus: 404, wantBody: "Configuration not found. To create configuration use POST /accounts/account."},
		{method: "GET", path: path + "?account=123456", auth: "Bearer nope", wantStatus: 401},
	})
	s.PutAccount(token, MiniMax, Account{ID: "123456", MaxJobs: 1})
	want := `{"privilegeType":0,"totalCredits":100,"expireText":"100 points will expire within 24 hours","videoCost":30,` +
		`"queueLength":3,"memberText":"Subscribe","memberHoverText":"","expireTime":0,"isNewUser":false,"questionText":"",` +
		`"trialExpireTime":0,"trialText":0,"memberName":"Free","newUserVersion":0,` +
		`"creditExpireText":[{"credit":100,"endTime":` + endOfDay + `}],"modelControl":[]}`
	run(t, base, []exchange{
		{method: "GET", path: path + "?account=123456", wantStatus: 200, wantType: "application/json", wantBody: want},
		{method: "GET", path: path, wantStatus: 200, wantBody: want}, // the only account
		{method: "GET", path: path + "?account=999", wantStatus: 404, wantBody: "Configuration not found. To create configuration use POST /accounts/account."},
		{method: "GET", path: path + "x?account=123456", wantStatus: 404},
	})
	s.PutAccount(token, MiniMax, Account{ID: "777", MaxJobs: 1})
	run(t, base, []exchange{
		{method: "GET", path: path, wantStatus: 400, wantIn: "Parameter account is required"},
	})
	s.SetAccountError(token, MiniMax, "123456", "Session expired")
	run(t, base, []exchange{
		{method: "GET", path: path + "?account=123456", wantStatus: 596, wantBody: `{"error":"Session expired","code":596}`},
		{method: "GET", path: path + "?account=777", wantStatus: 200, wantIn: `"totalCredits":100`},
	})
	if n := s.CallCounts()[CallMiniMaxFeatures]; n != 9 {
		t.Errorf("%s counted %d, want 9", CallMiniMaxFeatures, n)
	}
}

func TestPixVerseFeatures(t *testing.T) {
	t.Parallel()
	s, base := liveServer(t)
	const path = "/v2/pixverse/features/"
	const notFound = "Configuration not found. To create configuration use POST /accounts/email."
	run(t, base, []exchange{
		{method: "GET", path: path + "?email=a@example.com", wantStatus: 404, wantBody: notFound},
	})
	s.PutAccount(token, PixVerse, Account{Email: "a@example.com", Password: "p", MaxJobs: 2})
	userID := strconv.FormatInt(fakeID("a@example.com", 100_000_000), 10)
	run(t, base, []exchange{
		{method: "GET", path: path + "?email=a@example.com", wantStatus: 200, wantIn: `{"user_id":` + userID + `,`},
		{method: "GET", path: path + "?email=a@example.com", wantStatus: 200,
			wantIn: `"plan_name":"Pro Plan","next_plan_name":"Pro Plan","next_plan_type":2,"current_plan_type":2,"type":0,` +
				`"credit_daily":30,"credit_daily_gift":30,"initial_credit_gift":0,"credit_monthly":5600,"credit_monthly_gift":6000,` +
				`"credit_package":20,"expired_date":"2025-01-31T12:13:14Z","price":"30","billing_period":1,"next_billing_period":1,` +
				`"billing_renewal_date":"2025-01-31T12:13:14Z"`},
		{method: "GET", path: path + "?email=a@example.com", wantStatus: 200,
			wantIn: `"gen_simultaneously":5,"allow_fast_mode":1,"allow_relaxed_mode":1,"allow_use_new_feat":1}`},
		{method: "GET", path: path + "?email=b@example.com", wantStatus: 404, wantBody: notFound},
	})
	s.SetAccountError(token, PixVerse, "a@example.com", "Session expired")
	run(t, base, []exchange{
		{method: "GET", path: path + "?email=a@example.com", wantStatus: 596, wantBody: `{"error":"Session expired","code":596}`},
		{method: "GET", path: path, wantStatus: 596, wantOut: "credit"},
	})
	if n := s.CallCounts()[CallPixVerseFeatures]; n != 7 {
		t.Errorf("%s counted %d, want 7", CallPixVerseFeatures, n)
	}
}

func TestRunwayFeatures(t *testing.T) {
	t.Parallel()
	s, base := liveServer(t)
	const path = "/v1/runwayml/features/"
	const notFound = "Configuration not found. To create configuration use POST /accounts/email."
	run(t, base, []exchange{
		{method: "GET", path: path, wantStatus: 404, wantBody: notFound},
	})
	s.PutAccount(token, Runway, Account{Email: "a@example.com", Password: "p", MaxJobs: 2})
	s.PutAccount(token, Runway, Account{Email: "b@example.com", Password: "p", MaxJobs: 2})
	run(t, base, []exchange{
		{method: "GET", path: path + "?email=a@example.com", wantStatus: 200,
			wantBody: `{"permitted":{"storageGB":500,"numPlanCredits":2250},"used":{"numPlanCredits":1315}}`},
		{method: "GET", path: path, wantStatus: 400, wantBody: `{"error":"Parameter email is required when more than one account is configured","code":400}`},
		{method: "GET", path: path + "?email=c@example.com", wantStatus: 404, wantBody: notFound},
	})
	s.SetAccountError(token, Runway, "b@example.com", "Session expired")
	run(t, base, []exchange{
		{method: "GET", path: path + "?email=b@example.com", wantStatus: 596, wantBody: `{"error":"Session expired","code":596}`},
	})
	s.SetSubscriptionActive(token, false)
	run(t, base, []exchange{
		{method: "GET", path: path + "?email=a@example.com", wantStatus: 402},
	})
	if n := s.CallCounts()[CallRunwayFeatures]; n != 6 {
		t.Errorf("%s counted %d, want 6", CallRunwayFeatures, n)
	}
}
