import argparse
from defusedxml import ElementTree

ap = argparse.ArgumentParser(description="List the dependencies of a Maven pom")
ap.add_argument("pom")
tree = ElementTree.parse(ap.parse_args().pom)
for dep in tree.iter("{http://maven.apache.org/POM/4.0.0}artifactId"):
    print(dep.text)
