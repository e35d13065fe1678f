/**
 * Internal to Hyper: not an API; may change in any release.
 * Running experiments locally: LocalExecutor and its Progress; ExecRun, one pass of exec (its Ctrl-C hook),
 * FailureMarks (FAILED for a run that left no marker, each attempt's start in run.log), TaskCommands.
 */
package dev.hyper.runtime.exec;
