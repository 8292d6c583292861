// The agent's browser phone: a Twilio Voice SDK Device registered with a short-lived access token that is renewed
// before it expires (tokenWillExpire). Reports its state and calls through onChange.

export class Phone {
  #device = null;
  #fetchToken;
  #onChange;
  #onError;

  state = 'starting';
  incoming = null;
  active = null;

  constructor({ fetchToken, onChange, onError }) {
    this.#fetchToken = fetchToken;
    this.#onChange = onChange;
    this.#onError = onError;
  }

  async start() {
    if (!window.Twilio?.Device) {
      this.#set('unsupported');
      this.#onError('The voice library did not load, so calls cannot ring here. Reload the page.');
      return;
    }
    const { token } = await this.#fetchToken();
    const device = new window.Twilio.Device(token, { closeProtection: true, tokenRefreshMs: 60000 });
    this.#device = device;
    device.on('registered', () => this.#set('ready'));
    device.on('unregistered', () => this.#set('offline'));
    device.on('error', error => this.#onError(`Phone problem: ${error?.message ?? error}`));
    device.on('incoming', call => this.#ring(call));
    device.on('tokenWillExpire', () => this.#renewToken());
    await device.register();
  }

  accept() {
    this.incoming?.accept();
  }

  reject() {
    const call = this.incoming;
    this.incoming = null;
    call?.reject();
    this.#onChange();
  }

  /** Ends our own leg locally, for when the server cannot (e.g. it is unreachable). */
  disconnect() {
    this.active?.disconnect();
  }

  get muted() {
    return this.active?.isMuted() ?? false;
  }

  toggleMute() {
    this.active?.mute(!this.muted);
    this.#onChange();
  }

  stop() {
    this.#device?.destroy();
    this.#device = null;
    this.incoming = this.active = null;
    this.#set('offline');
  }

  #ring(call) {
    this.incoming = call;
    const forget = () => {
      if (this.incoming === call) {
        this.incoming = null;
      }
      if (this.active === call) {
        this.active = null;
      }
      this.#onChange();
    };
    call.on('accept', () => {
      this.incoming = null;
      this.active = call;
      this.#onChange();
    });
    call.on('cancel', forget);
    call.on('reject', forget);
    call.on('disconnect', forget);
    call.on('error', error => this.#onError(`Call problem: ${error?.message ?? error}`));
    this.#onChange();
  }

  async #renewToken() {
    try {
      const { token } = await this.#fetchToken();
      this.#device?.updateToken(token);
    } catch (error) {
      this.#onError(`Could not renew the phone's access: ${error.message}`);
    }
  }

  #set(state) {
    this.state = state;
    this.#onChange();
  }
}
