"""What a province installs; deploy/check/ runs it for real (`make prod-check`)."""
