"""Small pure helpers with no models."""
