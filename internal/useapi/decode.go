package useapi

import (
	"encoding/json"
	"fmt"
)

// decodeJSON decodes a success answer. The error names what was wrong but not the body, which may be large.
func decodeJSON(data []byte, out any) error {
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("useapi.net answered with JSON this provider cannot read (%v); "+
			"the service may have changed its format", err)
	}
	return nil
}
