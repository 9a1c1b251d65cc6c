package inference

import (
	"errors"

	"github.com/litellm-go/proxyclient/facade"
)

func asAPIError(err error, target **facade.APIError) bool { return errors.As(err, target) }
