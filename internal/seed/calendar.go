package seed

import (
	"context"

	"github.com/sswalliance/advocacy/internal/store"
)

// loadCalendar writes this part's demo content.
func loadCalendar(ctx context.Context, tx *store.Store) error {
	return nil
}
