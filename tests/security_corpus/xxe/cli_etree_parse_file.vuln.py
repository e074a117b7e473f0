import argparse
from lxml import etree

PARSER = etree.XMLParser(resolve_entities=True)

ap = argparse.ArgumentParser(description="List the dependencies of a Maven pom fetched from a mirror")
ap.add_argument("pom")
tree = etree.parse(ap.parse_args().pom, PARSER)
for dep in tree.iter("{http://maven.apache.org/POM/4.0.0}artifactId"):
    print(dep.text)
