package dev.hyper.runtime;

/** A record for search-space tests: two sampled doubles, a paired (grouped) axis and a plain one. */
public record SearchParams(double lr, double dropout, int hiddenDim, int nLayers, String optimizer) {}
