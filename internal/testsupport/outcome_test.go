package testsupport

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSucceeded(t *testing.T) {
	errWant := errors.New("want")
	assert.True(t, Succeeded(t, 7, nil, nil))
	assert.False(t, Succeeded(t, 0, fmt.Errorf("wrapped: %w", errWant), errWant))
	assert.False(t, Succeeded(t, (*int)(nil), errWant, errWant))
}
