import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface MenuItem {
  key: string;
  label: string;
  onSelect: () => void;
  /** A toggle (heading on/off): shown as a menu item checkbox with its state. */
  checked?: boolean;
  /** Kept in the menu (so its place does not jump) but announced and shown as unavailable. */
  disabled?: boolean;
  /** Starts a new group: a separator is drawn before it. */
  group?: boolean;
}

/**
 * A menu button (WAI-ARIA APG "Menu Button"): the button says whether the menu is open; opening moves
 * focus to the first item (ArrowUp: the last); ArrowUp/ArrowDown/Home/End move between items;
 * Enter/Space choose; Escape closes and gives focus back to the button; Tab or a click elsewhere
 * closes it. The menu opens towards the inline start, so it stays on screen in both directions.
 */
export function OverflowMenu({ label, icon, items, disabled }: { label: string; icon: ReactNode; items: MenuItem[]; disabled?: boolean }) {
  const id = useId();
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const menuItems = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const list = menuItems();
    (open === 'last' ? list.at(-1) : list[0])?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    // A tap or click anywhere else closes the menu without taking focus anywhere.
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = menuItems();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(at + 1);
      case 'ArrowUp':
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(list.length - 1);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return close(true);
      case 'Tab':
        // Leave the menu the way Tab would from the button: focus it now, let Tab move on from there.
        button.current?.focus();
        return setOpen(false);
      default:
        return undefined;
    }
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    setOpen(false);
    // The command puts focus back in the text (or in the link form it opens).
    item.onSelect();
  };

  return (
    <div className="collab-more" ref={wrapper}>
      <button
        ref={button}
        type="button"
        id={`${id}-button`}
        className="collab-tool"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open ? true : false}
        aria-controls={open ? `${id}-menu` : undefined}
        disabled={disabled}
        // Keep the editor's selection when the menu is opened with a mouse.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKeyDown}
      >
        {icon}
      </button>
      {open ? (
        <div ref={menu} id={`${id}-menu`} role="menu" aria-label={label} tabIndex={-1} className="collab-menu" onKeyDown={onMenuKeyDown}>
          {items.map((item) => (
            <MenuRow key={item.key} item={item} onChoose={choose} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function MenuRow({ item, onChoose }: { item: MenuItem; onChoose: (item: MenuItem) => void }) {
  return (
    <>
      {item.group ? <div role="separator" className="collab-menu-separator" /> : null}
      <button
        type="button"
        role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
        aria-checked={item.checked === undefined ? undefined : item.checked}
        // Unavailable items stay focusable so a screen reader user hears that they exist.
        aria-disabled={item.disabled ? true : undefined}
        tabIndex={-1}
        className="collab-menu-item"
        onClick={() => onChoose(item)}
      >
        <span className="collab-menu-check" aria-hidden="true">
          {item.checked ? '✓' : ''}
        </span>
        {item.label}
      </button>
    </>
  );
}
