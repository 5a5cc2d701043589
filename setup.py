"""Packaging details pyproject.toml cannot say: resources/ installed inside the package.

Everything else about the project is in pyproject.toml. The top-level resources/ folder (toolkit,
vocabulary, device profiles, grading data, translations with their built .qm files, the Leaflet
files fetched at setup, and whatever later work adds there) becomes the package data
``fieldapp/resources`` of a wheel: taken by rule (every file under it), not by a list of today's
files. ``fieldapp.core.resources`` finds it there when installed, and in the checkout otherwise.
The compiled forms (fieldapp/ui/forms, generated at setup) are ordinary modules of the package.
"""
from setuptools import find_namespace_packages, setup

setup(
    packages=[p for p in find_namespace_packages(include=["fieldapp", "fieldapp.*"])
              if "__pycache__" not in p] + ["fieldapp.resources"],
    package_dir={"fieldapp.resources": "resources"},
    package_data={"fieldapp.resources": ["**/*"]},
)
