package provider

import (
	"context"
	"sync"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// providerData is what the provider hands its resources and data sources once configured.
type providerData struct {
	client *useapi.Client
	run    *runState
}

// runState is what the provider learns during one Terraform command. Terraform starts a process for each
// plan and each apply and configures it once; a process reattached for debugging serves many commands, so
// ConfigureProvider starts a new one each time. It is one run's memory: which accounts it wrote and removed, and what
// each service held before the run's first create. It lets the machinery tell a create_before_destroy
// replacement from a real removal, and an adopted account from a new one, without extra calls.
type runState struct {
	mu        sync.Mutex
	written   map[string]bool
	deleted   map[string]bool
	snapshots map[string]*snapshot
	locks     map[string]*sync.Mutex
	// unsettled counts, by service of the second shape, the writes of this run whose outcome is unknown:
	// any account that appeared may be theirs, and any account may be where one landed.
	unsettled map[string]int
}

func newRunState() *runState {
	return &runState{written: map[string]bool{}, deleted: map[string]bool{}, snapshots: map[string]*snapshot{},
		locks: map[string]*sync.Mutex{}, unsettled: map[string]int{}}
}

// lock serialises the run's writes and removals of one account, so that a create and a delete of the
// same account at two addresses (a resource moved without a moved block) cannot interleave between the
// delete's check of wasWritten and its request. It returns the unlock.
func (r *runState) lock(svc *accountService, id string) func() {
	r.mu.Lock()
	m, ok := r.locks[runKey(svc, id)]
	if !ok {
		m = &sync.Mutex{}
		r.locks[runKey(svc, id)] = m
	}
	r.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// snapshot is a service's account list as read once for the whole run.
type snapshot struct {
	done     chan struct{}
	accounts map[string]account
	err      error
}

func runKey(svc *accountService, id string) string { return svc.name + "\x00" + id }

// markWritten records that this run created or updated the account.
func (r *runState) markWritten(svc *accountService, id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.written[runKey(svc, id)] = true
}

// wasWritten reports whether this run created or updated the account.
func (r *runState) wasWritten(svc *accountService, id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.written[runKey(svc, id)]
}

// claim records that this run wrote the account, and reports false when it already had: for the second
// shape, whose accounts are named by the answer, that is a second resource whose credential belongs to
// an account another resource wrote.
func (r *runState) claim(svc *accountService, id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.written[runKey(svc, id)] {
		return false
	}
	r.written[runKey(svc, id)] = true
	return true
}

// markUnsettled records that a write of svc in this run got no definite answer and named no account.
func (r *runState) markUnsettled(svc *accountService) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.unsettled[svc.name]++
}

// hasUnsettled reports whether a write of svc in this run got no definite answer and named no account.
func (r *runState) hasUnsettled(svc *accountService) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.unsettled[svc.name] > 0
}

// wasDeleted reports whether this run removed the account.
func (r *runState) wasDeleted(svc *accountService, id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.deleted[runKey(svc, id)]
}

// markDeleted records that this run removed the account, so a create of it later in the run is not taken
// for an adoption of an account someone else added.
func (r *runState) markDeleted(svc *accountService, id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.deleted[runKey(svc, id)] = true
}

// preexisting returns the account the service held under id before this run wrote to it, if any. The
// service's list is read once for all the run's creates; a create that finds a read under way waits for
// it, so no create's POST can land in the list another create reads.
func (r *runState) preexisting(ctx context.Context, svc *accountService, client *useapi.Client, id string) (account, bool, error) {
	if r.wasDeleted(svc, id) {
		return account{}, false, nil
	}
	before, err := r.accountsBefore(ctx, svc, client)
	a, ok := r.heldBefore(svc, before, id)
	return a, ok, err
}

// heldBefore is the account before (the run's snapshot of the list) holds under id, unless this run has
// removed it since: then an account of that id is one the run's own writes added again.
func (r *runState) heldBefore(svc *accountService, before map[string]account, id string) (account, bool) {
	a, ok := before[id]
	return a, ok && !r.wasDeleted(svc, id)
}

// accountsBefore is the service's list as read once for the run, before its first create: by key. The
// caller must not change it.
func (r *runState) accountsBefore(ctx context.Context, svc *accountService, client *useapi.Client) (map[string]account, error) {
	for {
		r.mu.Lock()
		s := r.snapshots[svc.name]
		if s == nil || s.failed() {
			s = &snapshot{done: make(chan struct{})}
			r.snapshots[svc.name] = s
			r.mu.Unlock()
			s.fill(ctx, svc, client)
			return s.accounts, s.err
		}
		r.mu.Unlock()
		select {
		case <-s.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if s.err == nil {
			return s.accounts, nil
		}
		// The read failed for whoever made it (its own deadline, say): try again with this one.
	}
}

func (s *snapshot) fill(ctx context.Context, svc *accountService, client *useapi.Client) {
	defer close(s.done)
	all, err := svc.calls.list(ctx, client)
	if err != nil {
		s.err = err
		return
	}
	s.accounts = make(map[string]account, len(all))
	for _, a := range all {
		s.accounts[a.id] = a
	}
}

// failed reports whether the read is over and did not succeed; the caller holds runState.mu.
func (s *snapshot) failed() bool {
	select {
	case <-s.done:
		return s.err != nil
	default:
		return false
	}
}
