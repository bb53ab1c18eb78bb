package ui

import (
	tea "charm.land/bubbletea/v2"

	"nnviz/scenarios"
)

// Run starts the TUI on list[start] and returns when the user quits. The
// caller must have checked that stdin and stdout are terminals.
func Run(list []scenarios.Scenario, start int) error {
	_, err := tea.NewProgram(New(list, start)).Run()
	return err
}
