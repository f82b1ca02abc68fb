"""Registration only: core's admin screens and hooks. Each section is owned by one part of core."""

# --- organization, departments, positions, staff (prongsai/core/admin/organization.py) ---

# --- audit log (prongsai/core/admin/audit.py) ---

# --- two-factor login (prongsai/core/twofactor/) ---
