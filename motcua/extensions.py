"""The Flask extensions, created unbound here and bound to the app in create_app(). Flask-Migrate is bound
there only outside the servers (motcua/__init__.py: _init_migrations)."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_wtf import CSRFProtect

from models import db

socketio = SocketIO()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()

__all__ = ["db", "socketio", "babel", "csrf", "login_manager"]
