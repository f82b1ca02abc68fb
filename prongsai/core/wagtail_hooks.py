"""Registration only: core's admin screens and hooks. Each section is owned by one part of core."""

# --- organization, departments, positions, staff (prongsai/core/admin/organization.py) ---
from prongsai.core.admin import hooks as _organization_admin  # noqa: F401, I001  (registers at import; sections stay in order)

# --- audit log (prongsai/core/admin/audit.py) ---
from prongsai.core.admin import audit_hooks as _audit_admin  # noqa: F401  (registers at import)

# --- two-factor login (prongsai/core/twofactor/) ---
from prongsai.core.twofactor import hooks as _twofactor  # noqa: F401  (registers at import)
