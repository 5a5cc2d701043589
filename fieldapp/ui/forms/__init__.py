"""Generated from forms/*.ui by fieldapp.build_assets: do not edit."""
