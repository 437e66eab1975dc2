package sharecard

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestDrawingWaitsForAPlace: with MaxDrawing cards being drawn, another
// waits, and gives up when its request does.
func TestDrawingWaitsForAPlace(t *testing.T) {
	var releases []func()
	for range MaxDrawing {
		release, err := slot(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		releases = append(releases, release)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := Draw(ctx, Card{Title: "Waiting"}, Wide); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a drawing beyond the %d places: %v, want it to wait and give up", MaxDrawing, err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Draw(context.Background(), Card{Title: "Next"}, Wide)
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("drew while every place was taken (%v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	releases[0]()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, release := range releases[1:] {
		release()
	}
}
