package store_test

import (
	"context"
	"maps"

	"github.com/sswalliance/advocacy/internal/content"
	"github.com/sswalliance/advocacy/internal/store"
)

// publish writes d as a new item of kind k (under parent) the way the
// editor publishes it, through the kind's Save over its starting values:
// the content tables' one writer. It returns the item's key.
func publish(ctx context.Context, tx *store.Store, k *content.Kind, parent string, d content.Doc) (string, error) {
	doc := content.Doc{}
	if k.New != nil {
		doc = k.New(parent)
	}
	maps.Copy(doc, d)
	return k.Save(ctx, tx.Conn(), "", doc)
}
