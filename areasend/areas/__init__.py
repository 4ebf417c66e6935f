"""Local areas through time: councils, their codes and names, NHS partners and histories."""
