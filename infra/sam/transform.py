#!/usr/bin/env python3
"""Prints template.yaml after the AWS SAM transform, as JSON, for the template tests.

usage: transform.py TEMPLATE [Name=Value ...]

The parameters given (the others take their defaults) are resolved where SAM resolves them at transform time, as
CloudFormation's own transform does with a deployment's values: in version ids (AutoPublishCodeSha256), alias names
and code locations. Local CodeUri paths become s3:// URIs named after the zip, as `sam deploy` would upload them.
SAM's managed policy templates expand from the translator's bundled policy list; AWS managed policies by name come
from cfn-lint's copy of their ARNs, so no AWS call is made.
"""
import json
import os
import sys

import yaml
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator
from samtranslator.translator.transform import transform  # noqa: F401  (fails early when the translator is missing)

INTRINSICS = ["Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
              "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length"]


class CloudFormationLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short-form tags turned into their long forms."""


def _intrinsic(key):
    def construct(loader, node):
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            if key == "Fn::GetAtt":
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        return {key: value}
    return construct


CloudFormationLoader.add_constructor("!Ref", _intrinsic("Ref"))
CloudFormationLoader.add_constructor("!Condition", _intrinsic("Condition"))
for _name in INTRINSICS:
    CloudFormationLoader.add_constructor("!" + _name, _intrinsic("Fn::" + _name))


def managed_policies():
    """AWS managed policy names to ARNs, from cfn-lint's data (what `sam` would look up in IAM)."""
    try:
        from cfnlint.data import Serverless
        from cfnlint.helpers import load_resource
        return load_resource(Serverless, "ManagedPolicies.json")
    except ImportError:
        return {}


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        template = yaml.load(f, Loader=CloudFormationLoader)
    parameters = {}
    for name, spec in template.get("Parameters", {}).items():
        if "Default" in spec:
            # CloudFormation hands the transform every value as a string.
            parameters[name] = str(spec["Default"])
    for assignment in argv[2:]:
        name, value = assignment.split("=", 1)
        parameters[name] = value
    for resource in template.get("Resources", {}).values():
        props = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(props.get("CodeUri"), str) \
                and not props["CodeUri"].startswith("s3://"):
            props["CodeUri"] = "s3://deployment-artifacts/" + os.path.basename(props["CodeUri"])
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    translated = Translator(managed_policies(), Parser()).translate(template, parameters)
    json.dump(translated, sys.stdout, indent=1, sort_keys=True, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
