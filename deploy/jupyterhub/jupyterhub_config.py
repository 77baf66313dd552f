# JupyterHub for an attnlab class on one machine (Debian's jupyterhub 3.0).
#
# Started by `npm run hub -- --port P`, which prepares the course (the student edition, built, with the
# tslab kernel registered) and passes everything machine-specific through the ATTNLAB_* variables below.
# Each student's server runs deploy/jupyterhub/attnlab-user-start, which merges the course into the
# student's own ~/attnlab (never overwriting their work) and then starts Jupyter there.
#
# Past one machine, Zero to JupyterHub runs the same image and start-up: see helm-values.yaml and README.md.
import os
import sys

from jupyterhub.auth import DummyAuthenticator, NullAuthenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner


def setting(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"attnlab hub: {name} is not set; start the hub with `npm run hub -- --port P`")
    return value


state = setting("ATTNLAB_HUB_STATE")
course = setting("ATTNLAB_COURSE")

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

# Loopback only: the proxy (what people and the REST API reach), the hub's own API, the proxy's API.
c.JupyterHub.bind_url = f"http://127.0.0.1:{setting('ATTNLAB_HUB_PORT')}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{setting('ATTNLAB_HUB_API_PORT')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('ATTNLAB_PROXY_API_PORT')}"
# Debian's configurable-http-proxy does not start with Node 20 ("Cannot find module 'commander'");
# the npm package (a devDependency of the checkout) does.
c.ConfigurableHTTPProxy.command = [setting("ATTNLAB_PROXY_COMMAND")]
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{os.path.join(state, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(state, "cookie_secret")
# Stopping the hub stops every student's server (and so their kernels) and the proxy.
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# Automation (tests, scripts, the load benchmark) uses an admin API token.
token = os.environ.get("ATTNLAB_HUB_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "attnlab-admin", "api_token": token}]
    c.JupyterHub.load_roles = [{"name": "admin", "services": ["attnlab-admin"]}]

# People: a shared password from the environment for a demo on this machine; with none set, nobody can
# log in with a password (the API token still works). A class uses the institution's authenticator:
# put its lines in the file named by ATTNLAB_HUB_CONFIG (see README.md).
password = os.environ.get("ATTNLAB_HUB_PASSWORD")
if password:
    c.JupyterHub.authenticator_class = DummyAuthenticator
    c.DummyAuthenticator.password = password
else:
    c.JupyterHub.authenticator_class = NullAuthenticator
# A user name becomes a folder name: no slashes, no leading dot.
c.Authenticator.username_pattern = r"^[a-z0-9][a-z0-9._@-]{0,63}$"

# Every student's server runs as the hub's own user, in a folder of its own under the state folder.
# Nothing separates two students' processes or files here: fine for a demo or one trusted lab, not for
# graded work (README.md says what a class uses instead).
c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(state, "users", "{username}")
c.Spawner.cmd = [setting("ATTNLAB_USER_START"), sys.executable, "-m", "jupyterhub.singleuser"]
# Jupyter refuses to run as root without --allow-root; containers and CI machines often are root.
c.Spawner.args = ["--allow-root"] if os.getuid() == 0 else []
c.Spawner.notebook_dir = "~/attnlab"
c.Spawner.default_url = "/tree/notebooks"
c.Spawner.environment = {
    "ATTNLAB_COURSE": course,
    "ATTNLAB_HUB_STATE": state,
    # The course's own Jupyter data dir, where the tslab kernel is registered.
    "JUPYTER_PATH": os.path.join(course, ".jupyter", "share", "jupyter"),
    # Debian's Jupyter is the classic Notebook 6 (there is no jupyter_server).
    "JUPYTERHUB_SINGLEUSER_APP": "notebook.notebookapp.NotebookApp",
}
# Generous: on a busy machine a first start copies the course and Python imports slowly.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180

extra = os.environ.get("ATTNLAB_HUB_CONFIG")
if extra:
    load_subconfig(extra)  # noqa: F821 (provided by JupyterHub when it loads this file)
