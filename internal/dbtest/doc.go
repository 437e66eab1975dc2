// Package dbtest gives each test its own real PostgreSQL database.
//
// One throwaway cluster is started per test binary (on tmpfs where there is
// one) with the same code as the embedded development database; the
// migrations are applied once to a template database, and every test gets a
// fresh clone of it (CREATE DATABASE ... TEMPLATE), dropped when it ends.
// With TEST_DATABASE_URL set, an existing server is used instead.
//
// A package using it must route its tests through Main:
//
//	func TestMain(m *testing.M) { dbtest.Main(m) }
package dbtest
