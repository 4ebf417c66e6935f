"""Import published inspection letters and reports into reviewed history records."""
