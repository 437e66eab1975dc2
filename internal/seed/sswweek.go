package seed

import (
	"context"

	"github.com/sswalliance/advocacy/internal/store"
)

// loadSSWWeek writes this part's demo content.
func loadSSWWeek(ctx context.Context, tx *store.Store) error {
	return nil
}
