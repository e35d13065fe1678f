/**
 * Internal to Hyper: not an API; may change in any release.
 * SLURM: the job-array script, task lists, submissions and their limits, sbatch, squeue, sacct.
 */
package dev.hyper.runtime.slurm;
