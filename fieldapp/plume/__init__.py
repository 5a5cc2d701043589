"""River plume forecasts (no Qt): 1-D advection-dispersion with decay, fitted to measurements."""
