"""The public register: pages anyone can read without signing in."""
