import argparse
import ftplib
import netrc

ap = argparse.ArgumentParser()
ap.add_argument("file")
args = ap.parse_args()
user, pw = "deploy", "ftpDeploy#99"
with ftplib.FTP("ftp.example.com") as ftp:
    ftp.login(user, pw)
    with open(args.file, "rb") as fh:
        ftp.storbinary(f"STOR {args.file}", fh)
