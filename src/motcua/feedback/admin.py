# Ratings and complaints are written through the services only (docs/feedback.md); the
# office pages show them. Nothing is registered in the admin site.
