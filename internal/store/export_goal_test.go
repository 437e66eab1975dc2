package store

// The statements of the Call to Action's goal and breakdown, for the test
// that looks at their plans.
var GoalReachedSQL = goalReachedSQL

const SignatoryBreakdownSQL = signatoryBreakdownSQL
