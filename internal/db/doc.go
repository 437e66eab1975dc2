// Package db opens the PostgreSQL connection pool and applies the embedded
// goose migrations.
package db
