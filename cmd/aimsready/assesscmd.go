package main

import "github.com/spf13/cobra"

func addAssessmentCommands(root *cobra.Command, e *env) {}
