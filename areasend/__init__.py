"""areasend: England's area SEND inspection system, end to end."""
