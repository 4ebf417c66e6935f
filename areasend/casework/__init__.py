"""The casework kernel: pieces every casework app shares."""
