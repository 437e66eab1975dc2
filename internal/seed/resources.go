package seed

import (
	"context"

	"github.com/sswalliance/advocacy/internal/store"
)

// loadResources writes this part's demo content.
func loadResources(ctx context.Context, tx *store.Store) error {
	return nil
}
