package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/useapi-community/terraform-provider-useapi/internal/useapi"
)

// dataFrom takes what the provider configured, or says why there is none.
func dataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil // ConfigureProvider has not run yet (validation), or its arguments are still unknown.
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerData, got %T. Please report this to the provider's developers.", data))
	}
	return pd
}

// requireClient reports an error when an operation needs the service and the provider has no client.
func requireClient(data *providerData, diags *diag.Diagnostics) bool {
	if data == nil || data.client == nil {
		diags.AddError("The useapi provider is not configured",
			"The provider's arguments (api_token, base_url, max_retries, request_timeout) were not known "+
				"when this operation ran, for example because they come from a resource that is not created yet. "+
				"Apply that resource first (terraform apply -target=...), or set the arguments from known values.")
		return false
	}
	return true
}

// addServiceError turns a client error into a diagnostic that says what happened and what to do. svc is
// the service the request was about, or nil for one that concerns the subscription.
func addServiceError(diags *diag.Diagnostics, svc *accountService, summary string, err error) {
	diags.AddError(summary, serviceErrorDetail(svc, err))
}

func serviceErrorDetail(svc *accountService, err error) string {
	detail := err.Error()
	if hint := errorHint(svc, err); hint != "" {
		detail += "\n\n" + hint
	}
	return detail
}

// errorHint is the advice for err, following what actually happened: the service's words, an
// interruption, a deadline, or a request that never left this machine.
func errorHint(svc *accountService, err error) string {
	title := "the AI site's"
	if svc != nil {
		title = svc.title
	}
	var apiErr *useapi.APIError
	var notSent *useapi.NotSentError
	var gone goneError
	var readBack *useapi.ReadBackError
	outcome := useapi.OutcomeOf(err)
	switch {
	case errors.As(err, &readBack):
		// Before the read's own cause: an interruption of the read says nothing of the write it follows.
		return "The change itself was made; only reading it back failed. Run terraform apply again: its refresh " +
			"reads what useapi.net holds now."
	case errors.As(err, &gone):
		return "" // the service's own word settled it; the cause's advice would speak of an open outcome
	case useapi.Interrupted(err) && outcome == useapi.NotApplied:
		return "Terraform was interrupted before this request reached useapi.net, so nothing was changed by it."
	case useapi.Interrupted(err):
		return "Terraform was interrupted while this request was under way, so its outcome is not known. " +
			"Run terraform apply again: it picks up from what the service holds."
	case errors.Is(err, context.DeadlineExceeded):
		return "The operation ran out of time: it is bounded by the resource's or data source's timeouts " +
			"(each attempt also by the provider's request_timeout). Raise them, or check that useapi.net is " +
			"reachable, then apply again."
	case errors.As(err, &notSent) && outcome != useapi.NotApplied:
		return "The last attempt could not connect to useapi.net, but an earlier one reached it and got no " +
			"definite answer, so the request may have taken effect. Check that useapi.net (or base_url) can be " +
			"reached from where Terraform runs, then apply again."
	case errors.As(err, &notSent):
		return "The request never reached useapi.net. Check base_url (or USEAPI_BASE_URL) and that the host " +
			"can be reached from where Terraform runs."
	case !errors.As(err, &apiErr):
		return "Check that useapi.net (or base_url) is reachable from where Terraform runs, then apply again."
	}
	if svc != nil {
		for _, r := range svc.refusals {
			if r.words.MatchString(apiErr.Message) {
				return r.advice
			}
		}
	}
	reason := apiErr.Reason()
	if svc == nil && reason == useapi.ReasonLoginRejected {
		reason = useapi.ReasonBadToken // no site login is involved in a request that concerns no account
	}
	switch reason {
	case useapi.ReasonNotTheService:
		return "That is not useapi.net's own \"not found\" answer, so the request reached something else: " +
			"base_url (or USEAPI_BASE_URL) looks wrong. It should be " + useapi.DefaultBaseURL + ", with no " +
			"/v1 or other path. Nothing was changed in state."
	case useapi.ReasonBadToken:
		return "Check the useapi.net API token (the provider's api_token or the USEAPI_TOKEN environment variable)."
	case useapi.ReasonLoginRejected, useapi.ReasonBadRequest:
		if svc != nil && svc.credential != nil {
			return svc.credentialAdvice(reason)
		}
	}
	switch reason {
	case useapi.ReasonLoginRejected:
		return fmt.Sprintf("%s refused the account's own login, not the useapi.net API token: check the email and "+
			"password (for password_wo, bump password_wo_version to send a new one), and that the account can "+
			"sign in to %s.", title, title)
	case useapi.ReasonNoSubscription:
		return "The useapi.net subscription is missing or has lapsed: renew it at https://useapi.net, then apply again."
	case useapi.ReasonBadRequest:
		if svc != nil {
			return fmt.Sprintf("useapi.net refused the request as sent: check the email, the password and "+
				"max_jobs (from %d to %d).", svc.maxJobs.min, svc.maxJobs.max)
		}
	case useapi.ReasonRateLimited:
		if apiErr.RetryAfter > 0 {
			return "Apply again later, or raise the timeouts so the wait the service asks for fits."
		}
		return "useapi.net is rate limiting or at capacity. Wait and apply again, or raise max_retries."
	case useapi.ReasonAccountError:
		return fmt.Sprintf("The %s account is in an error state at useapi.net. Apply again: the plan adds it "+
			"anew, which clears the error; if that fails too, sign in to %s to check the account.", title, title)
	case useapi.ReasonServer:
		return "useapi.net had a server error. Apply again later; the operation is safe to repeat."
	}
	return ""
}

// credentialAdvice is the advice for a refused request of a second-shape service: a refused credential
// is most often one the service has since replaced, or one copied from the wrong place.
func (s *accountService) credentialAdvice(reason useapi.Reason) string {
	c := s.credential
	what := "useapi.net refused the request as sent"
	if reason == useapi.ReasonLoginRejected {
		what = s.title + " refused the credential, not the useapi.net API token"
	}
	advice := fmt.Sprintf("%s: check %s. useapi.net replaces the ones it holds over time, so one copied earlier may be "+
		"stale: get a fresh one from %s, set it with %s, and apply.", what, c.what, c.where, c.forms())
	if c.login != nil {
		advice = fmt.Sprintf("%s: check %s. With `email`, check the email and password, and that the account can sign "+
			"in to %s (for `password_wo`, bump `password_wo_version` to send a new password). With `%s`, one copied "+
			"earlier may be stale, as useapi.net replaces the ones it holds over time: get a fresh one from %s, set it "+
			"with %s, and apply.", what, c.what, s.title, c.field, c.where, c.forms())
	}
	if s.hasMaxJobs() {
		advice += fmt.Sprintf(" max_jobs must be from %d to %d.", s.maxJobs.min, s.maxJobs.max)
	}
	return advice
}
