package dev.hyper.processor.model;

/**
 * {@code @Sweep(halving = @Halving(...))} as written.
 *
 * @param metric the step-log key runs are compared by ("" when not written)
 * @param goal the name of the {@code Goal} constant, {@code UNSET} when not written
 * @param resource the step-log key of the resource, {@code step} by default
 * @param min the first rung
 * @param max the most resource a run trains to
 * @param reduction the reduction factor
 * @param origin the {@code @Halving} annotation
 * @param metricOrigin the {@code metric} value (or the annotation)
 * @param goalOrigin the {@code goal} value (or the annotation)
 * @param resourceOrigin the {@code resource} value (or the annotation)
 */
public record HalvingModel(
    String metric,
    String goal,
    String resource,
    long min,
    long max,
    int reduction,
    Origin origin,
    Origin metricOrigin,
    Origin goalOrigin,
    Origin resourceOrigin) {}
