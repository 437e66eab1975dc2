package app

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// heapPeaks samples the heap every millisecond from when it is made until
// stop is called, for tests that bound the memory a burst of requests may
// take. Baseline is the heap after a collection, before the burst.
type heapPeaks struct {
	Baseline, Heap, Live uint64 // bytes: objects on the heap, and live after GC
	stop, done           chan struct{}
}

func sampleHeap() *heapPeaks {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
	runtime.GC()
	metrics.Read(samples)
	p := &heapPeaks{Baseline: samples[0].Value.Uint64(), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for {
			metrics.Read(samples)
			p.Heap = max(p.Heap, samples[0].Value.Uint64())
			p.Live = max(p.Live, samples[1].Value.Uint64())
			select {
			case <-p.stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	return p
}

// Stop ends the sampling; the peaks are final once it returns.
func (p *heapPeaks) Stop() {
	close(p.stop)
	<-p.done
}
