package useapi

import (
	"encoding/json"
	"maps"
	"testing"
)

// TestAccountInputMarshal: the body is one object of the fields that are set; the credential's and the
// settings' fields sit at its top level, empty ones are not sent, and a setting named like another field
// gives way to it.
func TestAccountInputMarshal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   AccountInput
		want map[string]any
	}{
		{"nothing", AccountInput{}, map[string]any{}},
		{"email and password", AccountInput{Email: "a@example.com", Password: "pw", Region: "US", MaxJobs: jobs(2)},
			map[string]any{"email": "a@example.com", "password": "pw", "region": "US", "maxJobs": float64(2)}},
		{"credential and a setting", AccountInput{Credential: map[string]string{"cookies": "SID=x", "url": ""},
			Settings: map[string]string{GeminiNotebookOutputLanguage: "ja"}, MaxJobs: jobs(3)},
			map[string]any{"cookies": "SID=x", "outputLanguage": "ja", "maxJobs": float64(3)}},
		{"a settings-only update", AccountInput{Email: "a@example.com", Settings: map[string]string{"outputLanguage": "es", "other": ""}},
			map[string]any{"email": "a@example.com", "outputLanguage": "es"}},
		{"a setting named like another field", AccountInput{Email: "a@example.com", Credential: map[string]string{"cookies": "SID=x"},
			Settings: map[string]string{"email": "b@example.com", "cookies": "forged", "maxJobs": "9"}, MaxJobs: jobs(1)},
			map[string]any{"email": "a@example.com", "cookies": "SID=x", "maxJobs": float64(1)}},
	}
	for _, tt := range tests {
		data, err := json.Marshal(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got map[string]any
		if err := json.Unmarshal(data, &got); err != nil || !maps.Equal(got, tt.want) {
			t.Errorf("%s: %s, want %v", tt.name, data, tt.want)
		}
	}
}
