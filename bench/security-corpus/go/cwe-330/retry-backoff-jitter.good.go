package worker

import (
	"context"
	"math/rand"
	"time"
)

func WithRetry(ctx context.Context, attempts int, fn func() error) error {
	var err error
	for i := 0; i < attempts; i++ {
		if err = fn(); err == nil {
			return nil
		}
		backoff := time.Duration(1<<i) * 200 * time.Millisecond
		jitter := time.Duration(rand.Int63n(int64(100 * time.Millisecond)))
		select {
		case <-time.After(backoff + jitter):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return err
}
