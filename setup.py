"""Packaging beyond what pyproject.toml can say: the rule packs live in rules/ at the repository root
and are installed inside the package as newslint/rules, where importlib.resources finds them."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["newslint", "newslint.*"]) + ["newslint.rules"],
    package_dir={"newslint.rules": "rules"},
    package_data={"newslint.rules": ["prebuilt.json", "*.yaml", "*/*.yaml", "*/*/*.yaml"]},
)
